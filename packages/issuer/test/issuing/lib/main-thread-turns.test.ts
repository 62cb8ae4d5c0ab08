/**
 * MainThreadTurns: of callers arriving in one unbroken stretch, a few go on at once and the rest
 * wait for later turns of the event loop, a few a turn, in the order they came; a caller after
 * the loop went round goes on at once again.
 */
import { describe, expect, it } from '@jest/globals';
import { MainThreadTurns } from '../../../src/issuing/lib/main-thread-turns.js';

const loopGoesRound = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('MainThreadTurns', () => {
  it('lets 16 of 40 callers on at once and the rest 16 a turn of the event loop, in order', async () => {
    const turns = new MainThreadTurns(16);
    const wentOn: number[] = [];
    const all = Array.from({ length: 40 }, (_, i) => {
      const wait = turns.take();
      if (!wait) {
        wentOn.push(i);
        return Promise.resolve();
      }
      return wait.then(() => void wentOn.push(i));
    });
    expect(wentOn).toHaveLength(16);
    await loopGoesRound();
    expect(wentOn).toHaveLength(32);
    await loopGoesRound();
    expect(wentOn).toHaveLength(40);
    await Promise.all(all);
    expect(wentOn).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('is busy while callers wait or a turn has gone to more than one, and not for a lone caller', async () => {
    const turns = new MainThreadTurns(2);
    expect(turns.busy).toBe(false);
    expect(turns.take()).toBeUndefined();
    // One caller this turn: a lone request signs on the main thread.
    expect(turns.busy).toBe(false);
    expect(turns.take()).toBeUndefined();
    expect(turns.busy).toBe(true);
    const third = turns.take();
    expect(turns.busy).toBe(true);
    await third;
    await loopGoesRound();
    await loopGoesRound();
    expect(turns.busy).toBe(false);
  });

  it('lets a caller on at once once the loop has gone round with nobody waiting', async () => {
    const turns = new MainThreadTurns(2);
    expect(turns.take()).toBeUndefined();
    expect(turns.take()).toBeUndefined();
    const third = turns.take();
    expect(third).toBeInstanceOf(Promise);
    await third;
    await loopGoesRound();
    await loopGoesRound();
    expect(turns.take()).toBeUndefined();
  });
});
