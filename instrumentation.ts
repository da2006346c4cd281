// Runs once when the server starts (next dev and next start); Node.js-only work is imported
// behind the runtime check so the edge bundle never sees it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('@/lib/server/start');
    await startServer();
  }
}
