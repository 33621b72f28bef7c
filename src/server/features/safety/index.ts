/** Medical safety on the server (issue 12): the complaint / adverse-event record's export (JSON, PDF). */
export { safetyRoutes } from './routes';
export { loadComplaintExport } from './export';
export { complaintLayout, NOT_RECORDED, COMPLAINT_TITLE, type LayoutLine, type LayoutSection } from './complaint-layout';
export { complaintPdf, drawable, MAX_PDF_TEXT } from './complaint-pdf';
