"""Police Regulations 2003 and the Working Time Regulations 1998, compiled into the generic
rostering core. One module per rule family; ``compile.compile_contract`` puts them together."""

from scheduler.rules.compile import CompiledContract, compile_contract

__all__ = ["CompiledContract", "compile_contract"]
