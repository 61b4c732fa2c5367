import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installApi } from './api';
import { App } from './App';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
if (!installApi()) {
  root.render(<p role="alert">Không kết nối được với phần xử lý (window.api). Hãy mở bằng ứng dụng hoặc đường dẫn có khoá phiên.</p>);
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
