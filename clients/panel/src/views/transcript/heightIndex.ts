// Row heights (measured, or estimated until a row is rendered once) and their running offsets, so the virtual
// list finds the rows at a scroll position by binary search. Offsets are recomputed lazily from the first row
// whose height changed: appending rows at the end costs only the new rows.

export class HeightIndex {
  private heights = new Float64Array(1024);
  /** offsets[i] = top of row i; offsets[count] = total height. Valid up to index `validUpTo`. */
  private offsets = new Float64Array(1025);
  private validUpTo = 0;
  count = 0;

  /** Grows to `count` rows, giving new rows their estimated height. */
  resize(count: number, estimate: (index: number) => number): void {
    if (count > this.heights.length) {
      let capacity = this.heights.length;
      while (capacity < count) capacity *= 2;
      const heights = new Float64Array(capacity);
      heights.set(this.heights.subarray(0, this.count));
      this.heights = heights;
      const offsets = new Float64Array(capacity + 1);
      offsets.set(this.offsets.subarray(0, this.count + 1));
      this.offsets = offsets;
    }
    for (let i = this.count; i < count; i++) this.heights[i] = estimate(i);
    if (count < this.count) this.validUpTo = Math.min(this.validUpTo, count);
    else this.validUpTo = Math.min(this.validUpTo, this.count);
    this.count = count;
  }

  heightOf(index: number): number {
    return this.heights[index] ?? 0;
  }

  /** Records a measured height; returns whether it changed. */
  set(index: number, height: number): boolean {
    if (this.heights[index] === height) return false;
    this.heights[index] = height;
    this.validUpTo = Math.min(this.validUpTo, index);
    return true;
  }

  offsetOf(index: number): number {
    this.ensureOffsets(index);
    return this.offsets[index]!;
  }

  total(): number {
    return this.offsetOf(this.count);
  }

  /** The row containing vertical position `y` (clamped to the rows there are). */
  indexAt(y: number): number {
    if (this.count === 0) return 0;
    this.ensureOffsets(this.count);
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.offsets[mid]! <= y) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private ensureOffsets(index: number): void {
    if (index <= this.validUpTo) return;
    for (let i = this.validUpTo; i < index; i++) this.offsets[i + 1] = this.offsets[i]! + this.heights[i]!;
    this.validUpTo = index;
  }
}
