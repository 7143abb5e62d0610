// Route parameters are input too: an id in the URL (/eventi/<id>) that cannot be an id answers 404
// before it reaches the database (PostgreSQL refuses NUL in text and would answer 500).

const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a value from the URL (a path segment or a query parameter) can be an id at all. */
export function isIdShaped(value: string): boolean {
  return ID_SHAPE.test(value);
}

/** The id from the URL, or a thrown 404 when it is not shaped like one (cuid, uuid, slug). */
export function idParam(value: string | undefined): string {
  if (value === undefined || !ID_SHAPE.test(value)) {
    throw new Response("Pagina non trovata", { status: 404, statusText: "Not Found" });
  }
  return value;
}
