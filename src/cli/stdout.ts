/**
 * A reader that stops early (`audit report log | head`, `policy check f | less` quit) closes the pipe; the
 * next write then fails with EPIPE, which Node throws as an unhandled 'error' event: a stack trace and exit 1
 * from a command that did its work. Nobody reads any more, so the CLI ends quietly, with 0.
 */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
