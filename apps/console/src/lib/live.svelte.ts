/**
 * Keeps a page current while it is open: subscribes to `appEvents(appId)` for as long as the
 * calling component lives, and calls `onChange` (typically: read the page's data again,
 * network-only) when an event of one of `kinds` arrives, and after every reconnection, since
 * events are not replayed and some may have been missed meanwhile. Call it while a component
 * initialises (it uses $effect); read `.state` for a LiveIndicator.
 */
import { Live_AppEventsDocument, type AppEventKind } from '@ring/client';
import type { StreamContext, StreamState } from '@ring/client/urql';
import { apiClient } from '$lib/graphql';

export type LiveState = StreamState;

/** `onChange` gets the event's kind, or null after a reconnection (anything may have changed). */
export function liveAppEvents(appId: string, kinds: readonly AppEventKind[], onChange: (kind: AppEventKind | null) => void): { readonly state: LiveState } {
  const live = $state<{ state: LiveState }>({ state: 'connecting' });
  $effect(() => {
    let connectedBefore = false;
    const context: StreamContext = {
      onStreamState: (state) => {
        live.state = state;
        if (state !== 'connected') return;
        if (connectedBefore) onChange(null);
        connectedBefore = true;
      },
    };
    const { unsubscribe } = apiClient()
      .subscription(Live_AppEventsDocument, { appId }, context)
      .subscribe((result) => {
        const kind = result.data?.appEvents.kind;
        if (kind && kinds.includes(kind)) onChange(kind);
      });
    return unsubscribe;
  });
  return live;
}
