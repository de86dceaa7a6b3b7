/**
 * `google.script.run` in the local preview: each endpoint call is a POST of its arguments (a JSON
 * array) to `/rpc/<endpoint>` on the preview server, which answers with the same endpoint
 * implementation as the add-on, and `{ value }` or `{ message }` for an error. Each call carries the
 * token the server put in the page: no other page can call it.
 */
type SuccessHandler = (value: unknown) => void;
/** The token of this run of the preview server, which it puts in the page it serves. */
const token = document.querySelector<HTMLMetaElement>('meta[name="segmento-token"]')?.content ?? '';
type FailureHandler = (error: Error) => void;

function runner(success?: SuccessHandler, failure?: FailureHandler): object {
  return new Proxy(
    {},
    {
      get(_, name) {
        if (name === 'withSuccessHandler') return (handler: SuccessHandler) => runner(handler, failure);
        if (name === 'withFailureHandler') return (handler: FailureHandler) => runner(success, handler);
        if (typeof name !== 'string') return undefined;
        return (...args: unknown[]) => {
          fetch(`/rpc/${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-segmento-token': token },
            body: JSON.stringify(args),
          })
            .then(async (response) => {
              const body = (await response.json()) as { value?: unknown; message?: string };
              if (response.ok) success?.(body.value);
              else failure?.(new Error(body.message ?? response.statusText));
            })
            .catch((error: Error) => failure?.(error));
        };
      },
    },
  );
}

Object.assign(window, { google: { script: { run: runner() } } });
