import { useEffect, useRef, useState } from 'react';

/** Narrower than this, a chart keeps this width and is scaled down as a picture (its table holds the numbers). */
const MIN_WIDTH = 320;

/**
 * Draws one Observable Plot chart (SVG) at the width of its box, again when the box changes width. The drawing is
 * aria-hidden: the table next to it carries the same numbers for screen readers. Plot puts a <style> element into
 * every SVG; the hub's CSP (style-src 'self') refuses inline styles, so it is removed before the SVG enters the
 * page and its rules live in charts.css.
 */
export function PlotFigure({ draw, testId }: { draw: (width: number) => Element; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(MIN_WIDTH, Math.floor(element.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = box.current;
    if (!element || width === 0) return;
    const chart = draw(width);
    for (const style of chart.querySelectorAll('style')) style.remove();
    chart.removeAttribute('aria-label');
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [draw, width]);

  return <div ref={box} className="chart-plot" aria-hidden="true" data-testid={testId} />;
}
