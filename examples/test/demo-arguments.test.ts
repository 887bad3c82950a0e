import { describe, expect, it } from "vitest";
import { demoArguments } from "../demo";

describe("demoArguments", () => {
  it("demoArguments(['--agents', '5000', '--seed', '7']) returns the options", () => {
    expect(demoArguments(["--agents", "5000", "--seed", "7"])).toEqual({ options: { agents: 5000, seed: 7 } });
    expect(demoArguments([])).toEqual({ options: {} });
  });

  it("demoArguments(['--help']) asks for help instead of a run", () => {
    expect(demoArguments(["--agents", "5000", "--help"])).toEqual({ help: true });
  });

  it("demoArguments refuses an unknown flag naming the closest, and a bad value naming the flag", () => {
    expect(demoArguments(["--agent", "5000"])).toEqual({ error: "unknown option --agent (did you mean --agents?); options are --agents, --seed, --help" });
    expect(demoArguments(["--agents", "many"])).toEqual({ error: '--agents must be a whole number >= 1, got "many"' });
    expect(demoArguments(["--agents"])).toEqual({ error: '--agents must be a whole number >= 1, got ""' });
    expect(demoArguments(["extra"])).toEqual({ error: 'the demo takes no arguments, got "extra"' });
  });
});
