import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installApi } from './api';
import { App } from './App';
import { CUSTOMER_HASH, CustomerDisplay } from './screens/customer/CustomerDisplay';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
if (!installApi()) {
  root.render(<p role="alert">Không kết nối được với phần xử lý (window.api). Hãy mở bằng ứng dụng hoặc đường dẫn có khoá phiên.</p>);
} else {
  // The same build serves the clerk's window and the one turned to the citizen (issue #16 §3).
  root.render(<StrictMode>{window.location.hash === CUSTOMER_HASH ? <CustomerDisplay /> : <App />}</StrictMode>);
}
