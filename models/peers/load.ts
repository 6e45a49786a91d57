/** The peer variables of every English local authority, from the built data. */
import { loadReferenceData } from '../../engine/io/reference-data.js';
import { areaRegistry } from '../areas/registry.js';
import { loadPrevalenceCalibration } from '../prevalence/calibration.js';
import { peerTable, type PeerTable } from './variables.js';

/** The peer table of every local authority in the area registry (April 2023 codes). */
export function loadPeerTable(): PeerTable {
  const data = loadReferenceData();
  const codes = areaRegistry(data).lads.map((l) => l.code);
  return peerTable(data, loadPrevalenceCalibration(), codes);
}
