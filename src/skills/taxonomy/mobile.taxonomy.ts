import { inCategory } from '../skill-definition';

export const MOBILE_SKILLS = inCategory('mobile', [
  { name: 'Android', aliases: ['Android SDK', 'Android development'], related: ['Kotlin', 'Java'] },
  { name: 'iOS', aliases: ['iOS development', 'iOS SDK'], related: ['Swift', 'Objective-C'] },
  { name: 'React Native', aliases: ['ReactNative'], related: ['React', 'JavaScript'] },
  { name: 'Flutter', aliases: [], related: ['Dart'], wordForms: ['Flutter'] },
  { name: 'SwiftUI', aliases: [], related: ['Swift', 'iOS'] },
  { name: 'UIKit', aliases: [], related: ['Swift', 'iOS'] },
  { name: 'Jetpack Compose', aliases: [], related: ['Kotlin', 'Android'] },
  { name: 'Xamarin', aliases: ['Xamarin.Forms', '.NET MAUI', 'MAUI'], related: ['C#'] },
  { name: 'Ionic', aliases: ['Ionic Framework'], wordForms: ['Ionic'] },
  { name: 'Apache Cordova', aliases: ['Cordova', 'PhoneGap'] },
  { name: 'Expo', aliases: ['Expo Go'], related: ['React Native'], listForms: ['Expo'] },
  {
    name: 'Kotlin Multiplatform',
    aliases: ['KMP', 'Kotlin Multiplatform Mobile', 'KMM'],
    related: ['Kotlin'],
  },
  { name: 'Core Data', aliases: [], related: ['iOS'] },
  { name: 'Xcode', aliases: [], related: ['iOS'] },
  { name: 'Android Studio', aliases: [], related: ['Android'] },
  {
    name: 'Mobile Development',
    aliases: [
      'mobile app development',
      'mobile apps development',
      'mobile applications',
      'mobile apps',
      'mobile application development',
    ],
  },
]);
