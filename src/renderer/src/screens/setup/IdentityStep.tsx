/**
 * Step 2, the branch and the counter. Enrolled: the hub's names and codes, shown as they will appear
 * everywhere (status bar, receipts, records), confirmed with Enter. Without a hub: typed here, the
 * province and commune picked from the administrative units; main checks them again.
 */
import { useEffect, useRef, useState } from 'react';
import type { Place } from '../../../../shared/ipc/contract';
import { foldVi } from '../../../../shared/text';
import { api } from '../../api';
import { Combobox } from '../../components/Combobox';
import { useFocusRequest, useScreenActions, useShell } from '../../shell';
import { beep, TextInput } from '../../ui';
import type { StepProps } from './SetupScreen';

function placeOptions(list: Place[], q: string) {
  const f = foldVi(q);
  return list
    .filter((p) => foldVi(p.name).includes(f) || p.code === q.trim())
    .slice(0, 12)
    .map((p) => ({ value: p.code, label: p.name, detail: p.fullName }));
}

export function IdentityStep({ state, done }: StepProps) {
  const id = state.identity;
  if (id.source === 'hub') return <FromHub state={state} done={done} />;
  return <Typed state={state} done={done} />;
}

function FromHub({ state, done }: StepProps) {
  const shell = useShell();
  const id = state.identity;
  async function confirm() {
    const r = await api()['setup.identity']({ mode: 'hub' });
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    done(r.value, `Định danh quầy: ${id.branchName} — ${id.counterName}.`);
  }
  useScreenActions({ save: () => void confirm() });
  return (
    <section className="panel" aria-labelledby="setup-step-title">
      <p>Tên và mã do máy chủ tỉnh cấp; thanh trạng thái, biên nhận và sổ sách đều ghi đúng như sau:</p>
      <dl className="dl" data-testid="identity">
        <dt>Bưu cục</dt>
        <dd>
          {id.branchName} ({id.branchCode})
        </dd>
        <dt>Quầy</dt>
        <dd>
          {id.counterName} ({id.counterId})
        </dd>
        <dt>Tỉnh, thành phố</dt>
        <dd>{id.provinceName ?? id.provinceCode}</dd>
      </dl>
      <p className="hint">Nếu tên sai, CNTT tỉnh sửa trên máy chủ rồi cấp mã đăng ký mới cho quầy.</p>
      <div className="actions">
        <button id="identity-ok" className="btn" autoFocus onClick={() => void confirm()}>
          Đúng, tiếp tục (Enter)
        </button>
      </div>
    </section>
  );
}

function Typed({ state, done }: StepProps) {
  const shell = useShell();
  const focus = useFocusRequest();
  const id = state.identity;
  const [f, setF] = useState({ branchName: id.branchName, branchCode: id.branchCode, counterName: id.counterName, counterId: id.counterId });
  const [province, setProvince] = useState<{ code: string; name: string } | null>(id.provinceName ? { code: id.provinceCode, name: id.provinceName } : null);
  const [commune, setCommune] = useState<{ code: string; name: string } | null>(id.communeCode && id.communeName ? { code: id.communeCode, name: id.communeName } : null);
  const [provinces, setProvinces] = useState<Place[]>([]);
  const [communes, setCommunes] = useState<Place[]>([]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  // The pick on the last field and the form's submit come from one Enter: read the picks from refs.
  const picked = useRef({ province, commune });
  picked.current = { province, commune };
  useEffect(() => {
    void api()['reference.provinces']({}).then((r) => r.ok && setProvinces(r.value));
  }, []);
  useEffect(() => {
    if (province) void api()['reference.communes']({ provinceCode: province.code }).then((r) => r.ok && setCommunes(r.value));
  }, [province]);

  async function save() {
    const r = await api()['setup.identity']({ mode: 'local', identity: { ...f, provinceCode: picked.current.province?.code ?? '', communeCode: picked.current.commune?.code ?? '' } });
    if (!r.ok) {
      const field = (r.error.field ?? '').replace(/^identity\./, '');
      setErrors({ [field || 'branchName']: r.error.message });
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
      const ids: Record<string, string> = { provinceCode: 'id-province', communeCode: 'id-commune' };
      focus(ids[field] ?? `id-${field || 'branchName'}`);
      return;
    }
    done(r.value, `Định danh quầy (tại quầy): ${r.value.identity.branchName} — ${r.value.identity.counterName}.`);
  }
  useScreenActions({ save: () => void save() });
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));

  return (
    <section className="panel" aria-labelledby="setup-step-title">
      <p className="notice">
        Quầy chưa đăng ký máy chủ tỉnh: tên và mã dưới đây dùng cho biên nhận và sổ sách cho đến khi đăng ký. Mã quầy {state.canRename ? 'chỉ đổi được khi quầy chưa có hồ sơ' : 'không đổi được nữa vì quầy đã có hồ sơ'}.
      </p>
      <form
        data-form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="grid2">
          <TextInput id="id-branchName" label="Tên bưu cục" value={f.branchName} onChange={set('branchName')} error={errors['branchName']} autoFocus />
          <TextInput id="id-branchCode" label="Mã bưu cục (ví dụ SL-MS)" value={f.branchCode} onChange={set('branchCode')} error={errors['branchCode']} />
          <TextInput id="id-counterName" label="Tên quầy" value={f.counterName} onChange={set('counterName')} error={errors['counterName']} />
          <TextInput id="id-counterId" label="Mã quầy (ví dụ SL-MS-Q02)" value={f.counterId} onChange={set('counterId')} error={errors['counterId']} />
          <Combobox
            id="id-province"
            label="Tỉnh, thành phố"
            selectedLabel={province?.name ?? ''}
            search={(q) => placeOptions(provinces, q)}
            onSelect={(o) => {
              picked.current = { province: { code: o.value, name: o.label }, commune: null };
              setProvince({ code: o.value, name: o.label });
              setCommune(null);
            }}
            error={errors['provinceCode']}
          />
          <Combobox
            id="id-commune"
            label="Xã, phường nơi đặt quầy"
            selectedLabel={commune?.name ?? ''}
            search={(q) => placeOptions(communes, q)}
            onSelect={(o) => {
              picked.current = { ...picked.current, commune: { code: o.value, name: o.label } };
              setCommune({ code: o.value, name: o.label });
            }}
            error={errors['communeCode']}
          />
        </div>
        <div className="actions">
          <button id="identity-save" type="submit" className="btn">
            Lưu và tiếp tục (Enter ở ô cuối hoặc F10)
          </button>
        </div>
      </form>
    </section>
  );
}
