// Getting a call's events to the people who need them: the bus, the feeds, acknowledgements, pages.
export { LocalBus, type Bus, type AckCommand } from './bus.js';
export { applyEvent, type CallState } from './call-state.js';
export { feedDelivery } from './feed.js';
export { ackHandling } from './acks.js';
export { pagesPlugin } from './pages.js';
