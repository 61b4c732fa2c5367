import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { installApi } from './api';
import { App } from './App';
import './styles.css';

/** The page turned to the citizen (its own chunk: the clerk's window never loads it). */
const CUSTOMER_HASH = '#khach-hang';
const CustomerDisplay = lazy(() => import('./screens/customer/CustomerDisplay').then((m) => ({ default: m.CustomerDisplay })));

const root = createRoot(document.getElementById('root')!);
if (!installApi()) {
  root.render(<p role="alert">Không kết nối được với phần xử lý (window.api). Hãy mở bằng ứng dụng hoặc đường dẫn có khoá phiên.</p>);
} else {
  // The same build serves the clerk's window and the one turned to the citizen (issue #16 §3).
  root.render(
    <StrictMode>
      {window.location.hash === CUSTOMER_HASH ? (
        <Suspense fallback={null}>
          <CustomerDisplay />
        </Suspense>
      ) : (
        <App />
      )}
    </StrictMode>,
  );
}
