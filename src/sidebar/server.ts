/**
 * The sidebar's calls to the server: a promise over `google.script.run`, typed by the endpoint
 * interface the server implements, so a renamed endpoint breaks the build.
 */
import type { EndpointName, SidebarEndpoints } from '../workbook/sidebar-wire';

/** What the page uses of `google.script.run`: handlers are set by chaining, then an endpoint is called by name. */
interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
}

declare const google: { script: { run: ScriptRun } };

/** Calls an endpoint; resolves with its value, rejects with the server's error. */
export function call<K extends EndpointName>(
  name: K,
  ...args: Parameters<SidebarEndpoints[K]>
): Promise<ReturnType<SidebarEndpoints[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<SidebarEndpoints[K]>))
      .withFailureHandler(reject) as unknown as Record<K, (...values: unknown[]) => void>;
    runner[name](...args);
  });
}
