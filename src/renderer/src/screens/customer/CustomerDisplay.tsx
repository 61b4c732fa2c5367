/**
 * The page turned to the citizen (`#khach-hang`): Electron opens it in a second window on the second
 * screen, browser mode serves it to a second browser window. It waits for the counter's display state
 * with display.watch (a long poll) and shows a welcome, the summary to check, or the item number.
 */
import { useEffect, useState } from 'react';
import type { DisplayFrame } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { SummaryView } from './SummaryView';

function useDisplayFrame(): DisplayFrame | null {
  const [frame, setFrame] = useState<DisplayFrame | null>(null);
  useEffect(() => {
    let live = true;
    let since = -1;
    const loop = async () => {
      while (live) {
        const r = await api()['display.watch']({ since }).catch(() => null);
        if (!live) return;
        if (r?.ok) {
          since = r.value.version;
          setFrame(r.value);
        } else {
          // Main restarting or the bridge gone: try again shortly.
          await new Promise((res) => setTimeout(res, 1000));
        }
      }
    };
    void loop();
    return () => {
      live = false;
    };
  }, []);
  return frame;
}

export function CustomerDisplay() {
  const frame = useDisplayFrame();
  const s = frame?.screen;
  useEffect(() => {
    document.title = 'Quầy HCC — màn hình khách hàng';
  }, []);
  return (
    <main className="customer" data-testid="customer-display" data-screen={s?.kind ?? 'loading'}>
      <header className="cs-head">{s?.office ?? 'Quầy HCC'}</header>
      {!s || s.kind === 'idle' ? (
        <section className="cs-idle">
          <h1>Xin kính chào quý khách</h1>
          <p>Dịch vụ bưu chính công ích: nhận hồ sơ và trả kết quả thủ tục hành chính.</p>
        </section>
      ) : null}
      {s?.kind === 'review' ? (
        <section>
          <h1>Xin ông/bà kiểm tra lại thông tin</h1>
          <SummaryView s={s.summary} />
          <p className="cs-ask">Nếu đúng, xin báo nhân viên để lưu và in phiếu. Nếu sai, xin báo để sửa.</p>
        </section>
      ) : null}
      {s?.kind === 'accepted' ? (
        <section>
          {/* The title and the item number share a line, so the accepted screen is no taller than the review. */}
          <div className="cs-accepted-head">
            <h1>Đã tiếp nhận hồ sơ</h1>
            <p className="cs-item">
              Số hiệu: <strong data-testid="cs-item">{s.itemNumberDisplay}</strong>
            </p>
          </div>
          {!s.complete ? <p className="notice">Hồ sơ chưa đủ: nhân viên in danh sách giấy tờ cần bổ sung.</p> : null}
          <SummaryView s={s.summary} />
          <p className="cs-ask">Xin cảm ơn. Vui lòng giữ phiếu để tra cứu và nhận kết quả.</p>
        </section>
      ) : null}
    </main>
  );
}
