// The bundled Swagger UI (4.x) reads OpenAPI 3.0; FastAPI writes 3.1, whose schemas it
// renders well enough once told the older version. /openapi.json itself stays 3.1.
fetch("/openapi.json")
  .then((r) => r.json())
  .then((spec) => {
    spec.openapi = "3.0.3";
    window.ui = SwaggerUIBundle({ spec: spec, dom_id: "#swagger-ui", deepLinking: true });
  });
