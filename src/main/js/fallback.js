import { HeraldError } from './errors.js';

/**
 * The transport ladder, best first: where a connection starts (`floor`, the best transport that
 * worked), where it falls to when one fails before opening, and the background upgrade back up.
 *
 * An upgrade opens a better transport (a probe) beside the current one; the `host` (the client)
 * spawns and starts it, and once it is open swaps it in with `host.promote`. A failed probe tries
 * the next better rung, then waits longer (jittered, capped) before the next round. `host` is
 * `{ current(), spawn(name, hooks, buffer), begin(transport), promote(probe, {from, to, buffer}) }`.
 */
export class Fallback {
  constructor(names, { delay, cap }, host, random = Math.random) {
    Object.assign(this, { delay, cap, host, random });
    this.allowed = names;
    this.ladder = names;
    this.floor = 0;
    this.attempt = 0; // failed upgrade rounds since the last success
    this.probe = null;
  }

  /** The name of rung `index`. */
  name(index) {
    return this.ladder[index];
  }

  /**
   * Pins the ladder to one transport (it neither falls back nor upgrades), or with `null` restores
   * the whole ladder. Either way connections start from the top again.
   */
  pin(name) {
    if (name && !this.allowed.includes(name)) throw new HeraldError('bad-transport', `transport '${name}' is not in this client's list`);
    this.ladder = name ? [name] : this.allowed;
    this.floor = 0;
  }

  /** The rung to try after rung `index` failed before it opened, or -1 at the bottom. */
  below(index) {
    return index + 1 < this.ladder.length ? index + 1 : -1;
  }

  /** Rung `index` opened: connections start from it until an upgrade or {@link restart}. */
  settle(index) {
    this.floor = index;
  }

  /** Nothing worked (the server is likely down): the next connection starts from the top. */
  restart() {
    this.floor = 0;
  }

  /** Plans the next upgrade round when the connection is below the top rung. */
  schedule() {
    this.cancel();
    if (this.floor === 0) {
      this.attempt = 0;
      return;
    }
    // Jittered so that many clients demoted by one outage do not all probe at the same moment.
    const wait = Math.min(this.cap, this.delay * 2 ** Math.min(this.attempt, 20)) * (0.5 + this.random() * 0.5);
    this.timer = setTimeout(() => this.probeFrom(0), wait);
  }

  /** Stops a planned round and closes a running probe. */
  cancel() {
    clearTimeout(this.timer);
    if (this.probe) {
      const p = this.probe;
      this.probe = null;
      p.close();
    }
  }

  /**
   * Opens rung `index` beside the current transport, from the current cursor, buffering what it
   * delivers; the host replays the buffer through the cursor when it swaps the probe in.
   */
  probeFrom(index) {
    if (!this.host.current() || index >= this.floor) return;
    const name = this.ladder[index];
    const buffer = [];
    const p = this.host.spawn(
      name,
      {
        opened: () => {
          if (this.probe !== p) return;
          this.probe = null;
          const from = this.ladder[this.floor];
          this.floor = index;
          this.attempt = 0;
          this.host.promote(p, { from, to: name, buffer });
        },
        closed: () => {
          if (this.probe !== p) return;
          this.probe = null;
          if (index + 1 < this.floor) this.probeFrom(index + 1);
          else {
            this.attempt++;
            this.schedule();
          }
        },
      },
      buffer,
    );
    this.probe = p;
    this.host.begin(p);
  }
}
