export default function HomePage() {
  return <main>Servicebay developer portal</main>;
}
