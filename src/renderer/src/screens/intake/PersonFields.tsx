/**
 * One person of the dossier (the sender, a proxy who files for them; the same fields would serve a
 * separate recipient): identity document, name, phone, and for the sender the organisation and the
 * address with its province and commune (the address results are delivered to).
 */
import { useEffect, useState } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import type { Place } from '../../../../shared/ipc/contract';
import { foldVi } from '../../../../shared/text';
import { api } from '../../api';
import { Combobox } from '../../components/Combobox';
import { FormSelect, FormText, useErrorAt } from '../../form';
import type { IntakeForm } from './model';

const ID_KINDS = [
  { value: 'cccd', label: 'CCCD (12 số)' },
  { value: 'cmnd', label: 'CMND cũ (9, 12 số)' },
  { value: 'passport', label: 'Hộ chiếu' },
] as const;

export function PersonFields({ who }: { who: 'sender' | 'proxy' }) {
  const { control } = useFormContext<IntakeForm>();
  const [idKind, organisation] = useWatch({ control, name: [`${who}.idKind`, 'sender.organisation'] });
  return (
    <div className="grid2">
      <FormSelect control={control} name={`${who}.idKind`} id={`${who}-idKind`} label="Loại giấy tờ" options={ID_KINDS} />
      <FormText control={control} name={`${who}.idNumber`} id={`${who}-idNumber`} label="Số giấy tờ" inputMode={idKind === 'passport' ? 'text' : 'numeric'} maxLength={20} />
      {idKind === 'passport' ? <FormText control={control} name={`${who}.nationality`} id={`${who}-nationality`} label="Quốc tịch (mã hộ chiếu: VNM, LAO…)" maxLength={3} /> : null}
      <FormText control={control} name={`${who}.fullName`} id={`${who}-fullName`} label="Họ và tên" wide />
      <FormText control={control} name={`${who}.phone`} id={`${who}-phone`} label="Điện thoại" type="tel" />
      {who === 'sender' ? (
        // Optional and rarely used: Enter passes over it while empty (Tab reaches it).
        <FormText control={control} name="sender.organisation" id="sender-organisation" label="Tổ chức (nếu có)" skipEnter={organisation.trim() === ''} />
      ) : (
        <FormText control={control} name="proxy.authorisationRef" id="proxy-authorisationRef" label="Giấy ủy quyền số/ngày" />
      )}
      {who === 'sender' ? <AddressFields /> : null}
    </div>
  );
}

function placeOptions(list: Place[], q: string) {
  const f = foldVi(q);
  return list
    .filter((p) => foldVi(p.name).includes(f) || p.code === q.trim())
    .slice(0, 12)
    .map((p) => ({ value: p.code, label: p.name }));
}

/** The sender's address: street, then province and commune picked from the current administrative units. */
function AddressFields() {
  const { control, setValue } = useFormContext<IntakeForm>();
  const province = useController({ control, name: 'sender.province' });
  const commune = useController({ control, name: 'sender.commune' });
  const [provinces, setProvinces] = useState<Place[]>([]);
  const [communes, setCommunes] = useState<Record<string, Place[]>>({});
  const provinceError = useErrorAt(control, ['sender.provinceCode']);
  const communeError = useErrorAt(control, ['sender.communeCode', 'returnAddress.communeCode']);

  useEffect(() => {
    void api()['reference.provinces']({}).then((r) => r.ok && setProvinces(r.value));
  }, []);

  const loadCommunes = async (code: string): Promise<Place[]> => {
    if (communes[code]) return communes[code]!;
    const r = await api()['reference.communes']({ provinceCode: code });
    const list = r.ok ? r.value : [];
    setCommunes((c) => ({ ...c, [code]: list }));
    return list;
  };
  const p = province.field.value;

  return (
    <>
      <FormText control={control} name="sender.address" id="sender-address" label="Địa chỉ (số nhà, thôn/bản, tổ)" errorAt={['returnAddress']} wide />
      <Combobox
        id="sender-province"
        label="Tỉnh/thành"
        selectedLabel={p?.name ?? ''}
        search={(q) => placeOptions(provinces, q)}
        onSelect={(o) => {
          province.field.onChange(provinces.find((x) => x.code === o.value) ?? null);
          setValue('sender.commune', null);
        }}
        error={provinceError}
        skipEnter={p !== null}
      />
      <Combobox
        id="sender-commune"
        label="Xã/phường"
        selectedLabel={commune.field.value?.name ?? ''}
        search={async (q) => (p ? placeOptions(await loadCommunes(p.code), q) : [])}
        onSelect={(o) => commune.field.onChange((communes[p?.code ?? ''] ?? []).find((x) => x.code === o.value) ?? null)}
        error={communeError}
        hint={p ? undefined : 'Chọn tỉnh trước'}
        skipEnter={commune.field.value !== null}
      />
    </>
  );
}
