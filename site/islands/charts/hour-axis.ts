/**
 * The traffic chart's time axis. One full hour is a single point, which uPlot pads to days and
 * ticks every midnight ("00:00" five times); an hour either side keeps the axis on hours.
 */
export function hourAxisRange(min: number, max: number): [number, number] {
  return min === max ? [min - 3600, max + 3600] : [min, max];
}
