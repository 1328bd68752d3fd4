/**
 * Line and column (1-based) of increasing positions in a text, counted once over it: asking
 * for every placeholder stays linear (slicing the text up to each one made a 50 KB body of
 * placeholders take seconds). Positions must be asked for in increasing order.
 */
export function positionTracker(text: string) {
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  return (i: number) => {
    for (; counted < i; counted += 1) {
      if (text.charCodeAt(counted) === 10) {
        line += 1;
        lineStart = counted + 1;
      }
    }
    return { line, column: i - lineStart + 1 };
  };
}
