/**
 * Schema fields that several policy kinds share: the calendar window every policy has, partner
 * lists and the region a policy applies to.
 * @internal
 * @module
 */
import { z } from "zod";
import { atLeast, finite } from "../scenario/_fieldSchemas";

/** The calendar window and label of every policy (one object, spread into each kind's schema). */
export const windowFields = {
  from: finite().describe("Calendar time the policy starts (fractional years)."),
  until: finite().optional().describe("Calendar time the policy ends (exclusive); absent: never."),
  rampYears: atLeast(0).optional().describe("Years over which the policy phases in linearly (0: at once)."),
  label: z.string().optional().describe("A label for tables and reports."),
};

/** A list of partner regions. */
export const partners = () => z.array(z.string()).describe("Partner regions.");

/** The region a policy applies to. */
export const policyRegion = () => z.string().describe("Region the policy applies to.");
