import { defineMessages } from '../i18n.ts';

defineMessages({
  invalid_credentials: { 'zh-CN': '账号或密码错误', en: 'Wrong account or password' },
  invalid_code: { 'zh-CN': '验证码错误或已过期', en: 'The code is wrong or has expired' },
  otp_too_soon: {
    'zh-CN': '验证码发送过于频繁，请稍后再试',
    en: 'A code was sent moments ago; please wait before asking again',
  },
  'auth.otp': {
    'zh-CN': '【安居】您的登录验证码为 {code}，{minutes} 分钟内有效。请勿告诉他人。',
    en: '[Anju] Your sign-in code is {code}, valid for {minutes} minutes. Do not share it.',
  },
  'validation.phone': { 'zh-CN': '应为 11 位中国大陆手机号', en: 'must be an 11-digit mainland China mobile number' },
  dev_inbox_disabled: { 'zh-CN': '开发收件箱未启用', en: 'The development inbox is disabled' },
});
