/**
 * The engine's WebAssembly kernels (`kernels.wat`, assembled into `kernels-module.ts`): the
 * module is compiled once per thread; each user gets an instance with its own memory, sized
 * once and never grown, so typed-array views of it stay valid.
 */
import { KERNELS_WASM } from './kernels-module.js';

/** `exp(pointer, n)`: replaces the n doubles from byte offset `pointer` by their exponentials. */
export type ExpKernel = (pointer: number, n: number) => void;

/**
 * `project(layout, horizon, fertility, maleShare, infantA0)`: the population projection of one
 * replicate (see `CohortProjection`); `layout` is the byte offset of its buffers' byte offsets.
 */
export type ProjectKernel = (
  layout: number,
  horizon: number,
  fertility: number,
  maleShare: number,
  infantA0: number,
) => void;

/** An instance of the kernels: its memory and exported functions. */
export interface Kernels {
  readonly buffer: ArrayBuffer;
  readonly exp: ExpKernel;
  readonly project: ProjectKernel;
}

/** WebAssembly page size (bytes). */
const PAGE = 65536;

/** What wcc uses of the WebAssembly API (Node's types do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: object,
  ) => {
    exports: {
      memory: { buffer: ArrayBuffer; grow(pages: number): number };
      exp: ExpKernel;
      project: ProjectKernel;
    };
  };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;

/**
 * A new instance of the kernels whose memory holds at least `doubles` doubles.
 * @throws RangeError when `doubles` is not a whole number >= 0
 */
export function kernels(doubles: number): Kernels {
  if (!Number.isInteger(doubles) || doubles < 0)
    throw new RangeError(
      `kernel memory: expected a whole number of doubles >= 0, found ${doubles}`,
    );
  compiled ??= new wasm.Module(Buffer.from(KERNELS_WASM, 'base64'));
  const { memory, exp, project } = new wasm.Instance(compiled, {}).exports;
  const pages = Math.max(1, Math.ceil((doubles * Float64Array.BYTES_PER_ELEMENT) / PAGE));
  const have = memory.buffer.byteLength / PAGE;
  if (pages > have) memory.grow(pages - have);
  return { buffer: memory.buffer, exp, project };
}
