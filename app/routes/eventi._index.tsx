export default function CataloguePlaceholder() {
  return <h1>Catalogo</h1>;
}
