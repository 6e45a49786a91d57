/** Statistical peers of local authorities. */
export { DEFAULT_PEERS, nearestPeers, peerDistance, standardise } from './model.js';
export type { Peer, StandardisedTable } from './model.js';
export { PEER_POPULATION_YEAR, PEER_REGISTERS, PEER_VARIABLES, peerTable } from './variables.js';
export type { PeerTable, PeerVariable } from './variables.js';
export { loadPeerTable } from './load.js';
