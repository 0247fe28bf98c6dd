/** The small shapes every part of the rubric data model uses: unit ids, labels, shares, ids, dates. */
import { z } from 'zod';

export const UnitIdSchema = z.enum(['so', 'huyen', 'xa']);
export type UnitId = z.infer<typeof UnitIdSchema>;

/** Text shown to officers: Vietnamese first, English optional. */
export const LabelSchema = z.object({ vi: z.string().min(1), en: z.string().min(1).optional() });
export type Label = z.infer<typeof LabelSchema>;

export const Share = z.number().min(0).max(1);
export const Id = z.string().regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/, 'id: segments of letters/digits joined by dots');
export const PartId = z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'part id: lower camel/kebab case');
/** "MM-DD" inside the assessment year. */
export const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD');
