interface ScheduledEvent {
  readonly time: number;
  readonly sequence: number;
  readonly run: () => void;
  cancelled: boolean;
}

/** Virtual time: events run in (time, insertion) order, so a run depends only on its seed. */
export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private sequence = 0;
  private nowMs = 0;
  private executed = 0;

  get now(): number {
    return this.nowMs;
  }

  get eventsRun(): number {
    return this.executed;
  }

  schedule(delayMs: number, run: () => void): () => void {
    const event: ScheduledEvent = { time: this.nowMs + Math.max(0, delayMs), sequence: this.sequence++, run, cancelled: false };
    this.push(event);
    return () => {
      event.cancelled = true;
    };
  }

  /** Runs events up to and including this time; false if the event budget ran out first. */
  runUntil(timeMs: number, eventsMax: number): boolean {
    while (this.heap.length > 0 && (this.heap[0] as ScheduledEvent).time <= timeMs) {
      const event = this.pop();
      if (event.cancelled) continue;
      this.nowMs = event.time;
      this.executed += 1;
      if (this.executed > eventsMax) return false;
      event.run();
    }
    this.nowMs = Math.max(this.nowMs, timeMs);
    return true;
  }

  /** Runs the next event due by this time, if any; else moves the clock to the time. False when nothing was due. */
  runNext(timeMs: number): boolean {
    while (this.heap.length > 0 && (this.heap[0] as ScheduledEvent).time <= timeMs) {
      const event = this.pop();
      if (event.cancelled) continue;
      this.nowMs = event.time;
      this.executed += 1;
      event.run();
      return true;
    }
    this.nowMs = Math.max(this.nowMs, timeMs);
    return false;
  }

  private less(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.time < b.time || (a.time === b.time && a.sequence < b.sequence);
  }

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    heap.push(event);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(heap[index] as ScheduledEvent, heap[parent] as ScheduledEvent)) break;
      [heap[index], heap[parent]] = [heap[parent] as ScheduledEvent, heap[index] as ScheduledEvent];
      index = parent;
    }
  }

  private pop(): ScheduledEvent {
    const heap = this.heap;
    const top = heap[0] as ScheduledEvent;
    const last = heap.pop() as ScheduledEvent;
    if (heap.length > 0) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && this.less(heap[left] as ScheduledEvent, heap[smallest] as ScheduledEvent)) smallest = left;
        if (right < heap.length && this.less(heap[right] as ScheduledEvent, heap[smallest] as ScheduledEvent)) smallest = right;
        if (smallest === index) break;
        [heap[index], heap[smallest]] = [heap[smallest] as ScheduledEvent, heap[index] as ScheduledEvent];
        index = smallest;
      }
    }
    return top;
  }
}
