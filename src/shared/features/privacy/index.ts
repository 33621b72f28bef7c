export { ERASED, eraseCase, eraseCustomer, eraseEvent, eraseThread } from './erase';
