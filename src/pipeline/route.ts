// The call's input split by what reads it: each track's audio and the transcripts. One subscription
// to the input hands every frame straight to its one reader, where a shared stream filtered once per
// reader ran every frame through every filter (and a Subject's fan-out) — per audio message, a
// visible share of a pipeline worker's plumbing. Like share(): the input is subscribed when the
// first route is, and left when the last one is; completion and errors reach the routes in the
// order they were subscribed.

import { Observable, type Subscriber, type Subscription } from 'rxjs';
import type { InputFrame, RawAudioFrame, Track, TranscriptFrame } from '../frames/types.js';

type Route = 'caller' | 'agent' | 'transcripts';

export interface FrameRoutes {
  audio(track: Track): Observable<RawAudioFrame>;
  readonly transcripts: Observable<TranscriptFrame>;
}

export function routeFrames(input$: Observable<InputFrame>): FrameRoutes {
  /** Every subscribed reader in subscription order (for completion), and by route (for frames). */
  const readers: { route: Route; out: Subscriber<InputFrame> }[] = [];
  const byRoute: Record<Route, Subscriber<InputFrame>[]> = { caller: [], agent: [], transcripts: [] };
  let input: Subscription | null = null;

  const deliver = (list: Subscriber<InputFrame>[], frame: InputFrame) => {
    // Nearly always one reader; a copy only when there are several (one may leave while served).
    if (list.length === 1) list[0]!.next(frame);
    else for (const out of list.slice()) out.next(frame);
  };
  const connect = () =>
    input$.subscribe({
      next(frame) {
        if (frame.kind === 'raw-audio') deliver(byRoute[frame.track], frame);
        else if (frame.kind === 'transcript') deliver(byRoute.transcripts, frame);
      },
      error(err) {
        for (const r of readers.slice()) r.out.error(err);
      },
      complete() {
        for (const r of readers.slice()) r.out.complete();
      },
    });

  const route = <T extends InputFrame>(name: Route): Observable<T> =>
    new Observable<T>((out) => {
      const reader = { route: name, out: out as unknown as Subscriber<InputFrame> };
      readers.push(reader);
      byRoute[name].push(reader.out);
      if (input === null) {
        const connected = connect();
        // An input that ended while connecting is connected afresh by the next reader (as share() does).
        if (!connected.closed) input = connected;
      }
      return () => {
        readers.splice(readers.indexOf(reader), 1);
        const list = byRoute[name];
        list.splice(list.indexOf(reader.out), 1);
        if (readers.length === 0 && input) {
          const was = input;
          input = null;
          was.unsubscribe();
        }
      };
    });

  const tracks = { caller: route<RawAudioFrame>('caller'), agent: route<RawAudioFrame>('agent') };
  return { audio: (track) => tracks[track], transcripts: route<TranscriptFrame>('transcripts') };
}
