/**
 * The summary the citizen checks before the clerk commits (issue #16 §3), in large type: who (ID
 * masked), what procedure, the papers handed in and their kind, the service and how the result comes
 * back, the amount with its breakdown, and the VietQR code to pay by transfer. The same component on
 * the customer display and in the clerk's review panel, so both show the same thing.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { CustomerSummary } from '../../../../shared/ipc/contract';
import { formatVnd } from '../../../../shared/money';
import { viDate } from '../../ui';

function VietQr({ qr }: { qr: NonNullable<CustomerSummary['vietQr']> }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(qr.payload, { errorCorrectionLevel: 'M', margin: 1, width: 360 }).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [qr.payload]);
  return (
    <figure className="cs-qr" data-testid="cs-vietqr">
      {url ? <img src={url} alt="Mã VietQR để chuyển khoản" /> : null}
      <figcaption>
        Quét mã để chuyển khoản
        <br />
        {qr.bankName} · {qr.accountNumber}
        <br />
        {qr.owner}
        {qr.sample ? <strong> · tài khoản mẫu, không chuyển tiền thật</strong> : null}
      </figcaption>
    </figure>
  );
}

export function SummaryView({ s }: { s: CustomerSummary }) {
  return (
    <div className="cs-summary" data-testid="cs-summary">
      <div className="cs-main">
      <dl className="cs-who">
        <dt>Người gửi</dt>
        <dd className="cs-name" data-testid="cs-name">{s.fullName}</dd>
        <dt>{s.idLabel}</dt>
        <dd data-testid="cs-id">{s.idMasked}</dd>
        {s.proxy ? (
          <>
            <dt>Người nộp thay</dt>
            <dd>
              {s.proxy.fullName} · {s.proxy.idMasked}
            </dd>
          </>
        ) : null}
        <dt>Thủ tục</dt>
        <dd data-testid="cs-procedure">{s.procedureName}</dd>
      </dl>
      <h2 className="cs-label">Giấy tờ đã nộp</h2>
      <ul className="cs-docs" data-testid="cs-docs">
        {s.documents.map((d, i) => (
          <li key={i}>
            {d.name} — <strong>{d.count} {d.formLabel}</strong>
          </li>
        ))}
      </ul>
      {s.missing.length > 0 ? (
        <p className="notice" data-testid="cs-missing">
          Còn thiếu: {s.missing.join('; ')}. Hồ sơ được nhận ở trạng thái “chưa đủ”.
        </p>
      ) : null}
      <dl className="cs-how">
        <dt>Dịch vụ</dt>
        <dd>{s.serviceLabel}</dd>
        <dt>Nhận kết quả</dt>
        <dd data-testid="cs-return">{s.returnLabel}</dd>
        {s.appointmentEstimate ? (
          <>
            <dt>Hẹn trả (dự kiến)</dt>
            <dd>{viDate(s.appointmentEstimate)}</dd>
          </>
        ) : null}
      </dl>
      </div>
      <div className="cs-pay">
        <table className="cs-amounts" aria-label="Số tiền">
          <tbody>
            {s.lines.map((l) => (
              <tr key={l.label}>
                <th scope="row">{l.label}</th>
                <td className="num">{formatVnd(l.amount)}</td>
              </tr>
            ))}
            <tr className="cs-total">
              <th scope="row">Tổng cộng ({s.paymentMethod === 'transfer' ? 'chuyển khoản' : 'tiền mặt'})</th>
              <td className="num" data-testid="cs-total">{formatVnd(s.total)}</td>
            </tr>
          </tbody>
        </table>
        {s.vietQr ? <VietQr qr={s.vietQr} /> : null}
      </div>
    </div>
  );
}
