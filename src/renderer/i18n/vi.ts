/** Vietnamese: the app's first language. Every key here must exist in en.ts (the compiler checks). */
export const vi = {
  appName: 'Hồ Sơ Ký',
  appTagline: 'Ký số và hồ sơ điện tử của nhà trường',
  skipToContent: 'Bỏ qua, đến nội dung chính',
  language: 'Ngôn ngữ',
  switchLanguage: 'English',
  nav: {
    label: 'Các màn hình',
    token: 'Thiết bị ký số',
    records: 'Hồ sơ điện tử',
    sign: 'Ký, trình, duyệt',
    staff: 'Nhân sự và chứng thư số',
    forms: 'Biểu mẫu',
    report: 'Báo cáo kiểm tra',
    settings: 'Cài đặt',
  },
  common: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    close: 'Đóng',
    cancel: 'Huỷ',
    save: 'Lưu',
    saved: 'Đã lưu.',
    open: 'Mở',
    back: 'Quay lại',
    none: 'Chưa có.',
    notReady: 'Chức năng này chưa có trong phiên bản đang chạy.',
    demoProfile: 'Chế độ trình diễn: không tìm thấy trình điều khiển thiết bị ký số nào trên máy này.',
    connection: { bridge: 'Chạy trong trình duyệt (máy này)', electron: 'Ứng dụng trên máy', none: 'Chưa kết nối' },
    version: 'Phiên bản',
    dataFolder: 'Thư mục dữ liệu',
    error: 'Có lỗi',
    yes: 'Có',
    no: 'Không',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
