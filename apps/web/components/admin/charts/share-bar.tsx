import { scaleLinear } from "d3-scale";

/**
 * A part of a whole as a thin horizontal bar, drawn on the server (the number beside it says the
 * same, so the drawing is hidden from screen readers). It stretches to its box's width.
 */
export function ShareBar({ value, total, className }: { value: number; total: number; className?: string }) {
  const x = scaleLinear()
    .domain([0, total > 0 ? total : 1])
    .range([0, 100])
    .clamp(true);
  const width = x(Math.max(0, value));
  return (
    <svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false" className={className ?? "h-2 w-full"}>
      <rect x={0} y={0} width={100} height={6} rx={3} className="fill-muted" />
      {width > 0 ? <rect x={0} y={0} width={Math.max(width, 1.5)} height={6} rx={3} className="fill-primary" /> : null}
    </svg>
  );
}
