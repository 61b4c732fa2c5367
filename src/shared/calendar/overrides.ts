/**
 * The yearly official table (resources/reference/calendar-overrides.json, validated by
 * `calendarOverridesSchema`) corrects the rules: each period closes a date range and *replaces* the
 * listed rule holidays of that year (their compensation days included); its `workingDays` are working
 * days even on Saturday or Sunday (swaps). Rule holidays not replaced by any period still apply.
 */
import { z } from 'zod';
import { HOLIDAY_KEYS } from './holidays';
import { localDateSchema, TIME_ZONE } from './local-date';
import { MAX_YEAR, MIN_YEAR } from './lunar';

export const calendarPeriodSchema = z
  .object({
    /** Vietnamese name shown for every closed day of the period. */
    name: z.string().min(1),
    /** Rule holidays of that year this period replaces (with their compensation days). */
    replaces: z.array(z.enum(HOLIDAY_KEYS)).default([]),
    closedFrom: localDateSchema,
    closedTo: localDateSchema,
    /** Days worked although Saturday/Sunday or a rule holiday (the other half of a swap). */
    workingDays: z.array(z.object({ date: localDateSchema, note: z.string().optional() })).default([]),
    /** Overrides the year's flag for this period. */
    verified: z.boolean().optional(),
    note: z.string().optional(),
  })
  .refine((p) => p.closedFrom <= p.closedTo, { message: 'closedFrom must not be after closedTo' });

export const calendarYearSchema = z
  .object({
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    /** False when the entries are a reconstruction awaiting the official decision. */
    verified: z.boolean(),
    source: z.string().min(1),
    note: z.string().optional(),
    periods: z.array(calendarPeriodSchema),
  })
  .refine((y) => y.periods.every((p) => p.closedFrom.startsWith(`${y.year}-`) && p.closedTo.startsWith(`${y.year}-`)), {
    message: 'every closed period must lie inside its year',
  });

export const calendarOverridesSchema = z
  .object({
    $comment: z.string().optional(),
    schemaVersion: z.literal(1),
    timeZone: z.literal(TIME_ZONE),
    years: z.array(calendarYearSchema),
  })
  .refine((o) => new Set(o.years.map((y) => y.year)).size === o.years.length, { message: 'each year appears once' });

/** The override table as written in JSON (defaults may be omitted). */
export type CalendarOverrides = z.input<typeof calendarOverridesSchema>;
export type CalendarOverridesParsed = z.output<typeof calendarOverridesSchema>;

export const EMPTY_CALENDAR_OVERRIDES: CalendarOverrides = { schemaVersion: 1, timeZone: TIME_ZONE, years: [] };
