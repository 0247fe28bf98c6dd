/**
 * Names of the add-in's Excel functions. Typed in a cell they read `CDS.DTI_SCORE(...)`; Excel
 * saves them in files as `_xldudf_CDS_DTI_SCORE(...)` (namespace and dots become underscores).
 * Readers must accept both, in any case.
 */
export const NAMESPACE = 'CDS';
export const FUNCTION_IDS = [
  'DTI_SCORE',
  'DTI_LEVEL',
  'DTI_MAX',
  'DTI_CHECK',
  'DTI_LEVEL_NAME',
  'DTI_SHORTFALL',
] as const;
export type FunctionId = (typeof FUNCTION_IDS)[number];

/** As typed in a cell: CDS.DTI_SCORE */
export const typedName = (id: FunctionId): string => `${NAMESPACE}.${id}`;

/** As Excel stores it in a file: _xldudf_CDS_DTI_SCORE */
export const savedName = (id: FunctionId): string => `_xldudf_${NAMESPACE}_${id}`;

/** The function id a formula's function name refers to, in either form and any case; undefined if none. */
export function functionIdOf(name: string): FunctionId | undefined {
  const upper = name.trim().toUpperCase();
  return FUNCTION_IDS.find((id) => upper === typedName(id) || upper === savedName(id).toUpperCase());
}

/** Rewrites every add-in function call in a formula to its typed form, leaving other text as is. */
export function toTypedForm(formula: string): string {
  return formula.replace(/_xldudf_CDS_(DTI_[A-Z_]+)(?=\s*\()/gi, (match, id: string) => {
    const known = functionIdOf(match);
    return known ? typedName(known) : match;
  });
}

/** Rewrites every add-in function call to the form Excel saves in files. */
export function toSavedForm(formula: string): string {
  return formula.replace(/CDS\.(DTI_[A-Z_]+)(?=\s*\()/gi, (match) => {
    const known = functionIdOf(match);
    return known ? savedName(known) : match;
  });
}
