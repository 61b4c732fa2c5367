/**
 * The review before commit (issue #16 §3), on the clerk's screen: the same summary the customer
 * display shows, large enough to turn the screen to the citizen on a counter with one screen.
 * Nothing is written yet: Enter (or F10) once the citizen agreed, Esc to go back and correct.
 */
import { useEffect, useRef } from 'react';
import type { CustomerSummary } from '../../../../shared/ipc/contract';
import { SummaryView } from '../customer/SummaryView';

export function ReviewPanel({ summary }: { summary: CustomerSummary }) {
  // Focus leaves the form: Enter here is the citizen's agreement, never a move to the next field.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="review-title">
      <div className="sheet review" data-testid="review" id="review" tabIndex={0} ref={ref}>
        <h2 id="review-title">Xin ông/bà kiểm tra lại</h2>
        <p className="review-keys" data-testid="review-keys">
          Chưa lưu. <kbd>Enter</kbd>: công dân đồng ý — lưu và in phiếu · <kbd>Esc</kbd>: quay lại sửa phiếu
        </p>
        <SummaryView s={summary} />
      </div>
    </div>
  );
}
