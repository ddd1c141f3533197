/**
 * Runs before every test file (vitest setupFiles): loads the exceljs UTF-8
 * fix (src/core/spreadsheet/exceljs-utf8-fix.ts) before any test file can
 * import "exceljs" directly. Test files share a worker's modules
 * (isolate: false), so without this the first file to import exceljs decides
 * whether the fix applies for the whole worker.
 */
import "../../src/core/spreadsheet/exceljs-utf8-fix.ts";
