/**
 * As-you-type queue: at most one task runs and at most one waits. A newer task replaces the
 * waiting one, whose promise rejects with SouError('ABORTED'); only the latest query matters.
 */
import { SouError } from '../core/types';

interface Waiting {
  task: () => Promise<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

export function abortedError(): SouError {
  return new SouError('ABORTED', 'Replaced by a newer search.');
}

export class LatestOnlyQueue {
  private running = false;
  private waiting: Waiting | null = null;

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting?.reject(abortedError());
      this.waiting = { task, resolve: resolve as (v: unknown) => void, reject };
      this.pump();
    });
  }

  /** Rejects the waiting task, if any (the running one finishes; its caller drops the result). */
  cancelWaiting(): void {
    this.waiting?.reject(abortedError());
    this.waiting = null;
  }

  private pump(): void {
    if (this.running || !this.waiting) return;
    const next = this.waiting;
    this.waiting = null;
    this.running = true;
    next
      .task()
      .then(next.resolve, next.reject)
      .finally(() => {
        this.running = false;
        this.pump();
      });
  }
}
