/** The few parts of AgentScript's (untyped) bundle that the agentscript peer uses. */
declare module "agentscript" {
  export interface ASPatch {
    x: number;
    y: number;
    [variable: string]: unknown;
  }
  export interface ASTurtle {
    id: number;
    x: number;
    y: number;
    readonly patch: ASPatch;
    moveTo(agent: { x: number; y: number }): void;
    setxy(x: number, y: number): void;
    die(): void;
    [variable: string]: unknown;
  }
  export interface ASAgentArray<T> extends Array<T> {
    ask(fn: (agent: T, index: number, array: ASAgentArray<T>) => void): void;
    with(fn: (agent: T) => boolean): ASAgentArray<T>;
  }
  export interface ASTurtles extends ASAgentArray<ASTurtle> {
    create(num: number, init?: (turtle: ASTurtle) => void): ASTurtle[];
    setDefault(name: string, value: unknown): void;
  }
  export interface ASPatches extends ASAgentArray<ASPatch> {
    patchXY(x: number, y: number): ASPatch;
  }
  export class Model {
    constructor(worldOptions?: {
      minX: number;
      maxX: number;
      minY: number;
      maxY: number;
      minZ?: number;
      maxZ?: number;
    });
    patches: ASPatches;
    turtles: ASTurtles;
    ticks: number;
    setup(): void;
    step(): void;
  }
}
