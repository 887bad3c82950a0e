/**
 * A minimal stand-in for `OffscreenCanvas`, so that AgentScript's bundle loads in Node.
 *
 * Why: when `agentscript` is imported outside a browser main thread, its colour helpers create a
 * shared 1x1 drawing context at module load (`util.createCtx(1, 1, false, ...)` in
 * `Color.sharedCtx1x1`), which calls `new OffscreenCanvas(1, 1)`; Node has no OffscreenCanvas, so
 * the import throws `ReferenceError: OffscreenCanvas is not defined`. The model (Model, patches,
 * turtles) never draws, so a canvas whose 2D context does nothing is enough. The stub only
 * answers `getContext` with no-op `clearRect` / `fillRect` and a blank `getImageData`; anything
 * that really draws would get wrong colours, which a headless benchmark never asks for.
 *
 * Import this module before `agentscript` (ES modules evaluate in import order). It installs the
 * stub only when the global is missing.
 */
class OffscreenCanvasStub {
  width: number;
  height: number;
  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
  }
  getContext(): object {
    return {
      canvas: this,
      clearRect(): void {},
      fillRect(): void {},
      getImageData: (_x: number, _y: number, w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
    };
  }
}

const g = globalThis as { OffscreenCanvas?: unknown };
if (g.OffscreenCanvas === undefined) g.OffscreenCanvas = OffscreenCanvasStub;

export {};
