/**
 * The 12-digit personal identification number printed on the citizen identity card (số định danh cá nhân,
 * CCCD / thẻ căn cước; Law on Identity 2023 art. 12): 3 digits of the province where the birth was
 * registered, 1 digit of sex and century, 2 digits of the year of birth, 6 digits of a number range
 * (Decree 137/2015/NĐ-CP art. 13). The province codes are the list annexed to Circular 07/2016/TT-BCA
 * (docs/domain.md, "Applicant identification").
 *
 * The province part uses the 63 provinces as they were before the 2025 merger (Resolution 202/2025/QH15):
 * numbers already issued keep their prefix. UNCONFIRMED: whether numbers issued from 01/07/2025 use new
 * prefixes for the 34 merged provinces — the list is data; extend it here if they do.
 */

/** Province code (3 digits) → province name, as encoded in personal identification numbers. */
export const cccdProvinces: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Thành phố Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

/** Why a personal identification number is refused, or null when it is well-formed. */
export function cccdProblem(value: string): string | null {
  if (!/^\d{12}$/.test(value)) return 'Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.';
  if (!(value.slice(0, 3) in cccdProvinces)) {
    return `Ba chữ số đầu "${value.slice(0, 3)}" không phải là mã tỉnh, thành phố của số định danh cá nhân.`;
  }
  return null;
}

/**
 * Why an organisation's tax / enterprise code (mã số thuế, mã số doanh nghiệp) is refused, or null: 10 digits,
 * or 10 digits, a hyphen and 3 digits for a dependent unit (Circular 105/2020/TT-BTC art. 5).
 */
export function taxCodeProblem(value: string): string | null {
  return /^\d{10}(-\d{3})?$/.test(value)
    ? null
    : 'Mã số thuế (mã số doanh nghiệp) gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.';
}
