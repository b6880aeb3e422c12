/** Name parts for demo volunteers (the population's own lists are not exported by shared-schema). */
export const FAMILY_NAMES = ['Nguyễn', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Đinh', 'Trịnh', 'Tạ', 'Khuất', 'Chu'];
export const MALE_MIDDLE = ['Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Xuân', 'Công', 'Bá', 'Đình'];
export const FEMALE_MIDDLE = ['Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Bích', 'Diệu'];
export const MALE_GIVEN = ['An', 'Bảo', 'Chiến', 'Định', 'Giang', 'Hòa', 'Khải', 'Lợi', 'Mạnh', 'Nhân', 'Phúc', 'Quý', 'Sang', 'Thuận', 'Tín', 'Vượng'];
export const FEMALE_GIVEN = ['Anh', 'Châu', 'Dung', 'Giang', 'Hạnh', 'Huyền', 'Loan', 'Minh', 'Nhung', 'Oanh', 'Quyên', 'Tâm', 'Thoa', 'Uyên', 'Xuân', 'Yên'];
export const MOBILE_PREFIXES = ['03', '08', '09'];
