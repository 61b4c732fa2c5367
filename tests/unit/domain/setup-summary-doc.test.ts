/**
 * The setup summary printed when a counter is installed (print-model.ts setupSummary), block by
 * block: the place line only when the counter has one, the people table, never a password.
 */
import { describe, expect, it } from 'vitest';
import { setupSummary, type SetupSummaryModel } from '../../../src/shared/print-model';
import { T0 } from '../../fixtures/printing/samples';
import { docLines } from '../../helpers/print-lines';

const model: SetupSummaryModel = {
  header: { office: 'Bưu điện tỉnh Sơn La' },
  at: T0,
  counter: { id: 'Q-360100-01', name: 'Quầy 1', branchCode: '360100', branchName: 'Bưu cục Trung tâm', place: 'Phường Tô Hiệu', source: 'Mã ghi danh của tỉnh' },
  hub: 'https://hub.sonla.example',
  printer: 'XP-80',
  people: [
    { fullName: 'Lò Thị Mai', username: 'mai', role: 'Giao dịch viên' },
    { fullName: 'Cầm Văn Nam', username: 'nam', role: 'Trưởng bưu cục' },
  ],
  by: 'Kỹ thuật tỉnh',
  appVersion: '1.4.2',
};

describe('setup summary', () => {
  it('names the branch, counter, place, source, hub and printer, lists the people, and is signed', () => {
    const d = setupSummary(model);
    expect(docLines(d).slice(3)).toEqual([
      'text BIÊN BẢN CÀI ĐẶT QUẦY [b] [center] [title]',
      'text 14:35 10/03/2026 [center] [small]',
      'rule dashed',
      'kv Bưu cục = Bưu cục Trung tâm (360100) [b]',
      'kv Quầy = Quầy 1 (Q-360100-01) [b]',
      'kv Địa bàn = Phường Tô Hiệu',
      'kv Định danh do = Mã ghi danh của tỉnh',
      'kv Máy chủ tỉnh = https://hub.sonla.example',
      'kv Máy in biên nhận = XP-80',
      'rule dashed',
      'text Người dùng (2): [b]',
      'table',
      'text Mật khẩu không in ra; người dùng mới phải đổi mật khẩu lần đầu đăng nhập. [small]',
      'signatures Trưởng bưu cục | Người cài đặt',
      'text Quầy HCC phiên bản 1.4.2 [center] [small]',
    ]);
    expect(d.blocks.find((b) => b.t === 'table')).toEqual({
      t: 'table',
      columns: [{ header: 'Họ tên', width: 0.42 }, { header: 'Đăng nhập', width: 0.26 }, { header: 'Vai trò', width: 0.32 }],
      rows: [['Lò Thị Mai', 'mai', 'Giao dịch viên'], ['Cầm Văn Nam', 'nam', 'Trưởng bưu cục']],
      size: 'small',
    });
    expect(d.blocks.find((b) => b.t === 'signatures')).toEqual({ t: 'signatures', left: 'Trưởng bưu cục', right: 'Người cài đặt', rightName: 'Kỹ thuật tỉnh' });
    expect(d).toMatchObject({ kind: 'setup_summary', title: 'Biên bản cài đặt Q-360100-01', ref: 'Q-360100-01' });
  });
  it('leaves the place line out when the counter has none', () => {
    const lines = docLines(setupSummary({ ...model, counter: { ...model.counter, place: null } }));
    expect(lines.slice(7, 9)).toEqual(['kv Quầy = Quầy 1 (Q-360100-01) [b]', 'kv Định danh do = Mã ghi danh của tỉnh']);
  });
});
