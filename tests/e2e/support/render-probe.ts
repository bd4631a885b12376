import type { Page } from '@playwright/test';

/**
 * Which parts of the page React renders, seen from outside the app: a stand-in for React DevTools'
 * global hook (react-dom calls it on every commit, production builds too), installed before the
 * page's scripts run. Each commit is recorded with the components that rendered in it (their
 * function ran: mounted, or updated and not bailed out), each named by the DOM element it puts on
 * the page first, so that a test can ask "did anything inside the header render?" of a minified build.
 * The comparison of a commit's tree with the one before follows React DevTools' own (a subtree whose
 * child list is the same object as before was not visited).
 */

export interface ProbeCommit {
  /** performance.now() of the commit. */
  at: number;
  /**
   * Commits with the same number ran in one go, with no microtask checkpoint between them: a render that
   * React made synchronously right after a commit (a layout effect that set state) shares its number.
   */
  run: number;
  /**
   * Made in the task in which a WebSocket message arrived (the core's reply), not in a task queued after it
   * (React's scheduler): a message event marks its task, and a port message posted at once clears the mark,
   * so any task queued after the message's ends it.
   */
  inSocketTask: boolean;
  /** The components that rendered, by their first DOM element (a CSS path such as "header.session-header"). */
  rendered: { host: string; mounted: boolean; inside: string[] }[];
}

export interface RenderProbeWindow {
  __renderProbe: { commits: ProbeCommit[]; watch: string[] };
}

/** Installs the hook; `watch`: selectors whose subtrees the rendered components are checked against. */
export async function installRenderProbe(page: Page, watch: string[]): Promise<void> {
  await page.addInitScript((watch: string[]) => {
    // Tags of React's work: function, class, forwardRef, memo and simple memo components render code.
    const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
    const HOST_TAGS = new Set([5, 26, 27]);
    const PERFORMED_WORK = 1;
    interface Fiber {
      tag: number;
      flags: number;
      child: Fiber | null;
      sibling: Fiber | null;
      alternate: Fiber | null;
      stateNode: unknown;
    }
    const probe = { commits: [] as ProbeCommit[], watch };
    (window as unknown as RenderProbeWindow).__renderProbe = probe;
    // A counter bumped by a microtask queued after a commit: commits with the same number ran in one go.
    let run = 0;
    let bumpQueued = false;

    function firstHost(fiber: Fiber): Element | null {
      const stack: Fiber[] = [fiber];
      while (stack.length > 0) {
        const current = stack.pop()!;
        if (HOST_TAGS.has(current.tag) && current.stateNode instanceof Element) return current.stateNode;
        if (current.sibling && current !== fiber) stack.push(current.sibling);
        if (current.child) stack.push(current.child);
      }
      return null;
    }

    function describe(element: Element | null): string {
      if (!element) return '(none)';
      const classes = Array.from(element.classList).slice(0, 2);
      return [element.tagName.toLowerCase(), ...classes].join('.');
    }

    function record(rendered: ProbeCommit['rendered'], fiber: Fiber, mounted: boolean): void {
      const host = firstHost(fiber);
      const inside = host?.isConnected ? watch.filter((selector) => host.closest(selector) !== null) : [];
      rendered.push({ host: describe(host), mounted, inside });
    }

    function mountedSubtree(rendered: ProbeCommit['rendered'], fiber: Fiber): void {
      for (let child: Fiber | null = fiber; child; child = child.sibling) {
        if (COMPONENT_TAGS.has(child.tag)) record(rendered, child, true);
        if (child.child) mountedSubtree(rendered, child.child);
      }
    }

    function compare(rendered: ProbeCommit['rendered'], next: Fiber, previous: Fiber): void {
      if (COMPONENT_TAGS.has(next.tag) && (next.flags & PERFORMED_WORK) !== 0) record(rendered, next, false);
      if (next.child === previous.child) return;
      for (let child = next.child; child; child = child.sibling) {
        if (child.alternate) compare(rendered, child, child.alternate);
        else {
          if (COMPONENT_TAGS.has(child.tag)) record(rendered, child, true);
          if (child.child) mountedSubtree(rendered, child.child);
        }
      }
    }

    let inSocketTask = false;
    const clearMark = new MessageChannel();
    clearMark.port1.onmessage = () => {
      inSocketTask = false;
    };
    const NativeSocket = window.WebSocket;
    window.WebSocket = class extends NativeSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        // Registered before the page's own onmessage: it runs first.
        this.addEventListener('message', () => {
          inSocketTask = true;
          clearMark.port2.postMessage(null);
        });
      }
    };

    let rendererId = 0;
    (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => ++rendererId,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberRoot(_id: number, root: { current: Fiber }) {
        const rendered: ProbeCommit['rendered'] = [];
        const current = root.current;
        if (current.alternate) compare(rendered, current, current.alternate);
        else if (current.child) mountedSubtree(rendered, current.child);
        probe.commits.push({ at: performance.now(), run, inSocketTask, rendered });
        if (!bumpQueued) {
          bumpQueued = true;
          queueMicrotask(() => {
            run++;
            bumpQueued = false;
          });
        }
      },
    };
  }, watch);
}

/** The commits recorded so far (and forgets them). */
export function takeCommits(page: Page): Promise<ProbeCommit[]> {
  return page.evaluate(() => {
    const probe = (window as unknown as RenderProbeWindow).__renderProbe;
    return probe.commits.splice(0);
  });
}
