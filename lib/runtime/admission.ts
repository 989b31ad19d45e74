// Bounded work under load. A function handles one request at a time (composition is synchronous
// JavaScript), and grpc-js reads every call's message as soon as it arrives: a burst of 500
// fleet-scale calls (1.5 MiB each) took the process to 1.8 GiB, and every caller waited for all of
// them. Now a call goes through four stages, each bounded:
//
// 1. Parked: its request is not read yet. HTTP/2 flow control holds the client's bytes (at most
//    one stream window each, and MAX_CONCURRENT_STREAMS streams per connection, beyond which the
//    client queues calls itself). Parked calls are started in arrival order, but newest first
//    while the oldest has waited over `congestedMs` (adaptive LIFO): under a backlog of large
//    calls a new one, small ones included, is served while it is still worth answering, and the
//    old ones meet their deadline refusal below instead of delaying everyone. Beyond `maxParked`
//    a call is refused at once with RESOURCE_EXHAUSTED, which Crossplane retries; so is any call
//    whose deadline will pass before it could be answered (judged from the recent handling times),
//    rather than letting it time out.
// 2. Reading: at most `maxReading` messages are being received at a time. Each advances by one
//    HTTP/2 stream window per turn of the event loop, and a turn comes between two handlings, so
//    this is also what keeps the reading ahead of the handling. A small request is already in the
//    server's buffers, so it passes this stage at once.
// 3. Waiting: received, kept as the bytes it arrived in (decoded only in its turn, so a waiting
//    request costs its size, not the many times more its decoded objects take). While waiting
//    requests hold more than `maxHeldBytes`, a newly received large one (> `smallBytes`) is
//    refused with RESOURCE_EXHAUSTED and its bytes dropped; small ones are always accepted.
// 4. Handling, one at a time: the smallest waiting request goes first, so a small call never
//    waits behind large ones; one waiting longer than `agingMs` goes first, so large ones never
//    starve. A call whose client gave up (deadline, disconnect) is skipped. Between two requests
//    the event loop runs, so I/O goes on.

import * as grpc from '@grpc/grpc-js';
import { IdleCollector } from './idle-gc.js';

export interface AdmissionLimits {
  readonly maxParked: number;
  readonly congestedMs: number;
  readonly maxReading: number;
  readonly maxHeldBytes: number;
  readonly smallBytes: number;
  readonly agingMs: number;
}

export const DEFAULT_LIMITS: AdmissionLimits = {
  maxParked: 512,
  congestedMs: 500,
  maxReading: 8,
  maxHeldBytes: 32 * 1024 * 1024,
  smallBytes: 64 * 1024,
  agingMs: 2_000,
};

/** HTTP/2 streams one connection may open at once; a client queues the rest itself. */
export const MAX_CONCURRENT_STREAMS = 1024;

/** The metadata key the interceptor hands a call's ticket to the handler with (always overwritten). */
const TICKET_KEY = 'x-modelplane-admission-ticket';

type Stage = 'parked' | 'reading' | 'received' | 'done';

/** One call's way through the stages. */
export interface Ticket {
  stage: Stage;
  /** When the client stops waiting (ms since the epoch; Infinity without a deadline). */
  readonly deadline: number;
  /** Ends the call with RESOURCE_EXHAUSTED. */
  readonly refuse: () => void;
  /** Starts reading the message; set when the call first asks to read. */
  start?: () => void;
}

/** How often calls are checked against their deadlines. */
const SWEEP_MS = 250;

interface Parked {
  readonly ticket: Ticket;
  readonly since: number;
}

interface Turn {
  readonly bytes: number;
  readonly arrived: number;
  readonly run: () => void;
}

export class Admission {
  private readonly parked: Parked[] = [];
  private reading = 0;
  private held = 0;
  private readonly waiting: Turn[] = [];
  private scheduled = false;
  private readonly tickets = new Map<string, Ticket>();
  private nextId = 0;
  private active = 0;
  /** A moving average of the time one request takes to handle, in ms. */
  private handleMs = 0;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly limits: AdmissionLimits = DEFAULT_LIMITS,
    private readonly now: () => number = () => performance.now(),
    private readonly collector: IdleCollector = new IdleCollector(),
  ) {}

  /** False when too many calls are parked already: refuse the call. */
  hasRoom(): boolean {
    return this.parked.length < this.limits.maxParked;
  }

  /** A new call: returns its ticket and the id the handler finds it by. */
  open(deadline: number, refuse: () => void): { ticket: Ticket; id: string } {
    const ticket: Ticket = { stage: 'parked', deadline, refuse };
    const id = String(this.nextId++);
    this.tickets.set(id, ticket);
    this.active++;
    return { ticket, id };
  }

  /** The call asks for its message: `start` reads it, now or when its turn comes. */
  requestRead(ticket: Ticket, start: () => void): void {
    if (ticket.stage !== 'parked' || ticket.start !== undefined) return;
    ticket.start = start;
    this.parked.push({ ticket, since: this.now() });
    this.pump();
    if (this.sweeper === undefined) {
      this.sweeper = setInterval(() => {
        this.sweep();
      }, SWEEP_MS);
      this.sweeper.unref();
    }
  }

  /**
   * Refuses the calls that could no longer be answered before their deadline: those with less
   * time left than the work still ahead of them, counted as twice the recent handling time per
   * request (a parked call waits for the calls reading and waiting, a reading one for those
   * waiting, a waiting one for its own handling), plus one handling and one sweep (during a
   * handling nothing else runs, this sweep included).
   */
  private sweep(): void {
    if (this.tickets.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
      return;
    }
    const per = Math.max(this.handleMs, 1);
    const base = SWEEP_MS + per;
    const ahead: Record<Stage, number> = {
      parked: base + (this.waiting.length + this.reading + 1) * 2 * per,
      reading: base + (this.waiting.length + 1) * 2 * per,
      received: base + 2 * per,
      done: -Infinity,
    };
    const wallNow = Date.now();
    for (const ticket of [...this.tickets.values()]) {
      if (ticket.deadline - wallNow < ahead[ticket.stage]) ticket.refuse();
    }
  }

  /**
   * The call's request arrived (the handler runs): true to queue it, false when it is large and
   * the waiting requests already hold `maxHeldBytes` (the caller refuses it).
   */
  received(id: string | undefined, bytes: number): boolean {
    const ticket = id === undefined ? undefined : this.tickets.get(id);
    if (ticket?.stage === 'reading') {
      ticket.stage = 'received';
      this.reading--;
      this.pump();
    }
    return bytes <= this.limits.smallBytes || this.held + bytes <= this.limits.maxHeldBytes;
  }

  /** The call ended (answered, refused or cancelled), at whatever stage it was. */
  close(id: string): void {
    const ticket = this.tickets.get(id);
    if (ticket === undefined) return;
    this.tickets.delete(id);
    if (ticket.stage === 'parked') {
      const i = this.parked.findIndex((p) => p.ticket === ticket);
      if (i >= 0) this.parked.splice(i, 1);
    } else if (ticket.stage === 'reading') {
      this.reading--;
    }
    ticket.stage = 'done';
    this.active--;
    this.pump();
    if (this.active === 0 && this.waiting.length === 0) this.collector.idle();
  }

  /**
   * Queues the handling of the received request of `bytes` bytes of the call `id`; `run` is called
   * once, in its turn, unless the call ended meanwhile (refused, cancelled).
   */
  enqueue(id: string | undefined, bytes: number, run: () => void): void {
    this.collector.busy(bytes);
    this.held += bytes;
    const ticket = id === undefined ? undefined : this.tickets.get(id);
    this.waiting.push({
      bytes,
      arrived: this.now(),
      run: () => {
        this.held -= bytes;
        if (ticket?.stage === 'done') return;
        const started = this.now();
        run();
        this.handleMs = 0.8 * this.handleMs + 0.2 * (this.now() - started);
      },
    });
    this.schedule();
  }

  get stats(): { parked: number; reading: number; heldBytes: number; waiting: number } {
    return {
      parked: this.parked.length,
      reading: this.reading,
      heldBytes: this.held,
      waiting: this.waiting.length,
    };
  }

  /** Starts parked calls while reading slots are free: oldest first, newest first when congested. */
  private pump(): void {
    while (this.reading < this.limits.maxReading) {
      const oldest = this.parked[0];
      if (oldest === undefined) return;
      const congested = this.now() - oldest.since > this.limits.congestedMs;
      const ticket = (congested ? this.parked.pop() : this.parked.shift())?.ticket;
      if (ticket === undefined) return;
      ticket.stage = 'reading';
      this.reading++;
      ticket.start?.();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.next()?.run();
      this.schedule();
    });
  }

  /** The oldest turn once it has waited `agingMs`, else the smallest (the earliest among equals). */
  private next(): Turn | undefined {
    if (this.waiting.length === 0) return undefined;
    let pick = 0;
    const oldest = this.waiting[0];
    if (oldest === undefined || this.now() - oldest.arrived < this.limits.agingMs) {
      for (let i = 1; i < this.waiting.length; i++) {
        if ((this.waiting[i]?.bytes ?? Infinity) < (this.waiting[pick]?.bytes ?? Infinity)) pick = i;
      }
    }
    return this.waiting.splice(pick, 1)[0];
  }
}

/** RESOURCE_EXHAUSTED: Crossplane retries the reconcile. */
export function busy(name: string): grpc.StatusObject {
  return {
    code: grpc.status.RESOURCE_EXHAUSTED,
    details: `${name} is at capacity; retry later`,
    metadata: new grpc.Metadata(),
  };
}

/** A call whose first read waits for its turn (stage 1 → 2). */
class ParkingCall extends grpc.ServerInterceptingCall {
  private parked = true;

  constructor(
    next: grpc.ServerInterceptingCallInterface,
    responder: grpc.Responder,
    private readonly park: (start: () => void) => void,
  ) {
    super(next, responder);
  }

  override startRead(): void {
    if (!this.parked) {
      super.startRead();
      return;
    }
    this.parked = false;
    this.park(() => {
      super.startRead();
    });
  }
}

/** The server interceptor: refuses calls beyond `maxParked`, parks the rest, and closes each ticket. */
export function admissionInterceptor(admission: Admission, name: string): grpc.ServerInterceptor {
  return (_method, call) => {
    let id: string | undefined;
    let ticket: Ticket | undefined;
    const end = (): void => {
      if (id !== undefined) admission.close(id);
      id = undefined;
    };
    return new ParkingCall(
      call,
      {
        start: (next) => {
          next({
            onReceiveMetadata: (metadata, proceed) => {
              if (!admission.hasRoom()) {
                call.sendStatus(busy(name));
                return;
              }
              const deadline = call.getDeadline();
              ({ id, ticket } = admission.open(
                deadline instanceof Date ? deadline.getTime() : deadline,
                () => {
                  call.sendStatus(busy(name));
                  end();
                },
              ));
              metadata.set(TICKET_KEY, id);
              proceed(metadata);
            },
            onCancel: end,
          });
        },
        sendStatus: (status, next) => {
          end();
          next(status);
        },
      },
      (start) => {
        if (ticket === undefined) start();
        else admission.requestRead(ticket, start);
      },
    );
  };
}

/** The ticket id the interceptor put on the call, for Admission.received. */
export function ticketId(metadata: grpc.Metadata): string | undefined {
  const [id] = metadata.get(TICKET_KEY);
  return typeof id === 'string' ? id : undefined;
}
