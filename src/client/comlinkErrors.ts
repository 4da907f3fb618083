/**
 * Makes SouError survive the worker boundary: comlink's default "throw" handler keeps only
 * message/name/stack, which would lose the code the UI uses to tell failures apart.
 * Import this module (for its side effect) in every realm that uses comlink.
 */
import * as Comlink from 'comlink';
import { SouError } from '../core/types';

interface SerializedThrow {
  sou?: { code: SouError['code']; message: string; details?: Record<string, unknown> };
  fallback?: unknown;
}

const original = Comlink.transferHandlers.get('throw')!;

Comlink.transferHandlers.set('throw', {
  canHandle: (v): v is unknown => original.canHandle(v),
  serialize(v: unknown): [SerializedThrow, Transferable[]] {
    const thrown = (v as { value?: unknown }).value;
    if (thrown instanceof SouError) {
      let details: Record<string, unknown> | undefined;
      try {
        details = thrown.details ? structuredClone(thrown.details) : undefined;
      } catch {
        details = undefined; // non-cloneable details are dropped, the code and message survive
      }
      return [{ sou: { code: thrown.code, message: thrown.message, details } }, []];
    }
    const [fallback, transfers] = original.serialize(v);
    return [{ fallback }, transfers];
  },
  deserialize(s: unknown): never {
    const ser = s as SerializedThrow;
    if (ser.sou) throw new SouError(ser.sou.code, ser.sou.message, ser.sou.details);
    return original.deserialize(ser.fallback) as never;
  },
} as Comlink.TransferHandler<unknown, unknown>);
