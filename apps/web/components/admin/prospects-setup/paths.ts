/** The prospects' pages these ones lead back to (the board, and its list view). */
export const PROSPECTS_PATH = "/admin/prospects";
export const PROSPECTS_LIST_PATH = "/admin/prospects?vue=liste";
