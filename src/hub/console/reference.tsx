/** Reference data other than the catalogue: one JSON document per kind; check, see problems, publish with a version. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, fmt, Messages, messageOf, type User } from './api';

interface Kind {
  name: string;
  label: string;
  version: string | null;
  updatedAt: number | null;
}
interface Problem {
  path: string;
  message: string;
}

function Upload({ kind, onPublished }: { kind: Kind; onPublished: (msg: string) => void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [version, setVersion] = useState('');
  const [error, setError] = useState('');
  const check = async (f: File) => {
    setError('');
    setProblems(null);
    const text = await f.text();
    setFile({ name: f.name, text });
    try {
      setProblems((await api<{ ok: boolean; problems: Problem[] }>(`reference/${kind.name}/check`, { body: { text } })).problems);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    try {
      const r = await api<{ version: string }>(`reference/${kind.name}/publish`, { body: { text: file.text, version: version.trim() } });
      onPublished(`Đã phát hành ${kind.label} phiên bản ${r.version}. Các quầy sẽ nhận ở lần đồng bộ tới.`);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <div className="panel">
      <label className="file">
        Chọn tệp JSON {kind.label.toLowerCase()} để kiểm tra
        <input type="file" accept=".json,application/json" onChange={(e) => e.target.files?.[0] && void check(e.target.files[0])} />
      </label>
      <Messages message="" error={error} />
      {problems && problems.length > 0 && (
        <div role="alert">
          <h3 className="error">
            Tệp {file?.name} có {problems.length} lỗi; chưa phát hành gì. Sửa rồi tải lên lại.
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">Vị trí</th>
                <th scope="col">Lỗi</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.path || '(cả tệp)'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problems?.length === 0 && (
        <form onSubmit={(e) => void publish(e)}>
          <p className="notice">Tệp {file?.name} hợp lệ.</p>
          <label>
            Phiên bản mới
            <input required value={version} onChange={(e) => setVersion(e.target.value)} placeholder="vd. 2026.12.1" />
          </label>
          <button type="submit">Phát hành cho mọi quầy</button>
        </form>
      )}
    </div>
  );
}

export function ReferencePage({ user }: { user: User }) {
  const [kinds, setKinds] = useState<Kind[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(() => api<{ kinds: Kind[] }>('reference').then((r) => setKinds(r.kinds), (err: unknown) => setError(messageOf(err))), []);
  useEffect(() => void load(), [load]);
  const published = (msg: string) => {
    setMessage(msg);
    setOpen(null);
    void load();
  };
  return (
    <section aria-labelledby="ref-title">
      <h2 id="ref-title">Dữ liệu dùng chung (ngoài danh mục thủ tục)</h2>
      <p>Mỗi loại là một tệp JSON theo mẫu của phần mềm; tải bản đang dùng về, sửa, rồi tải lên để kiểm tra và phát hành.</p>
      <Messages message={message} error={error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Loại dữ liệu</th>
            <th scope="col">Phiên bản đang dùng</th>
            <th scope="col">Phát hành lúc</th>
            <th scope="col">Thao tác</th>
          </tr>
        </thead>
        <tbody>
          {(kinds ?? []).map((k) => (
            <tr key={k.name}>
              <td>{k.label}</td>
              <td>{k.version ?? 'bản mẫu đi kèm phần mềm'}</td>
              <td>{fmt(k.updatedAt)}</td>
              <td>
                {k.version && (
                  <a href={`/console/api/reference/${k.name}/current.json`} download>
                    Tải bản đang dùng
                  </a>
                )}{' '}
                {user.role === 'it_admin' && (
                  <button type="button" onClick={() => setOpen(open === k.name ? null : k.name)} aria-expanded={open === k.name}>
                    Tải lên {k.label.toLowerCase()}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {kinds?.filter((k) => k.name === open).map((k) => <Upload key={k.name} kind={k} onPublished={published} />)}
    </section>
  );
}
