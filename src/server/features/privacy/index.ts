export { privacyRoutes } from './routes';
export { eraseCustomerData } from './erase';
export { exportCustomer } from './export';
