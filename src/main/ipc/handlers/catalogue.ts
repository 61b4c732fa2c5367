/** catalogue.*, reference.*: the procedure catalogue and the administrative units. */
import { DomainError } from '../../../shared/errors';
import type { catalogueChannels } from '../../../shared/ipc/channels/catalogue';
import type { Services } from '../../services';
import type { HandlerTable } from '../registry';

export function catalogueHandlers({ catalogue, reference }: Pick<Services, 'catalogue' | 'reference'>): HandlerTable<typeof catalogueChannels> {
  return {
    'catalogue.search': (i) => catalogue.search(i.query, i.limit ?? 10),
    'catalogue.get': (i) => {
      const p = catalogue.get(i.code);
      if (!p) throw new DomainError('UNKNOWN_PROCEDURE', 'Thủ tục không có trong danh mục.', 'code');
      return p;
    },
    'catalogue.agencies': () => catalogue.agencies(),
    'reference.provinces': () => reference.provinces(),
    'reference.communes': (i) => reference.communes(i.provinceCode),
    'reference.tariff': () => reference.tariff(),
  };
}
